"""One module per schema revision, oldest first by number; each names its `down_revision`."""
