"""Browser tests: headless Chromium against a real streamlit server (marker `browser`)."""
