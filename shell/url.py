"""The view state in the URL: read it, write it back, change it from a widget callback.

`views.state` is the codec; this module is where it meets `st.query_params` and, when a page
link dropped the parameters, the copy kept in the session.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import streamlit as st
from streamlit.runtime.state import SessionStateProxy

from scoring.choices import DATASET_PUBLISHED, DATASETS, Dataset, Lang
from shell import data
from views import state as codec

_SESSION_COPY = "view_params"
_JUMP = "jump_to_page"  # a page a widget callback asked to open (callbacks cannot switch pages)


def _params() -> Mapping[str, str]:
    return st.query_params.to_dict() or st.session_state.get(_SESSION_COPY, {})


def language() -> Lang:
    """The language the link asks for, before anything else is read (for the navigation)."""
    return "en" if _params().get("lang") == "en" else "id"


def _dataset(params: Mapping[str, str]) -> Dataset:
    asked = params.get("dataset", DATASET_PUBLISHED)
    return next((d for d in DATASETS if d == asked), DATASET_PUBLISHED)


def read() -> tuple[codec.ViewState, list[codec.Notice]]:
    """The state from the URL, checked against what the chosen dataset holds."""
    params = _params()
    catalog = data.catalog(_dataset(params))
    return codec.decode(
        params,
        years=catalog.years,
        province_codes=catalog.province_codes,
        region_codes=catalog.region_codes,
    )


def write(state: codec.ViewState) -> None:
    """Mirror the state into the URL so the view can be shared as a link."""
    encoded = codec.encode(state)
    st.session_state[_SESSION_COPY] = encoded
    if st.query_params.to_dict() != encoded:
        st.query_params.from_dict(encoded)


def change(**changes: object) -> None:
    """Update the state (from a widget callback); the rerun that follows reads it."""
    state, _ = read()
    write(state.with_(**changes))


def change_from(field: str, key: str, convert: Callable[[Any], object] | None = None) -> None:
    """Widget callback: copy widget `key`'s value (converted) into state `field`."""
    value = st.session_state[key]
    change(**{field: convert(value) if convert else value})


def jump(page_script: str, **changes: object) -> None:
    """Widget callback: change the state and open `page_script` on the rerun that follows."""
    change(**changes)
    st.session_state[_JUMP] = page_script


def follow_jump() -> None:
    """Open the page a callback asked for, with the state in its URL (at the top of a run)."""
    target = st.session_state.pop(_JUMP, None)
    if target is not None:
        st.switch_page(target, query_params=st.session_state.get(_SESSION_COPY, {}))


def open_region(page_script: str, code: str) -> None:
    """Open a government's page, its province with it, so that the link never pairs Cilegon
    (36.72) with another province."""
    change(region=code, province=code[:2])
    st.switch_page(page_script, query_params=st.session_state.get(_SESSION_COPY, {}))


def extra_param(name: str) -> str | None:
    """A page's own URL parameter outside the view state (e.g. `?present=1`, `?unit=…`)."""
    value = st.query_params.get(name)
    return value if isinstance(value, str) else None


def page_memory() -> SessionStateProxy:
    """This session's memory for a page's own steps (an upload being checked, a confirmation
    pending): Streamlit's session state, reached only through the shell."""
    return st.session_state


def region_from(key: str) -> None:
    """Widget callback: open the region widget `key` holds, with its own province."""
    picked = st.session_state[key]
    change(region=picked, province=picked[:2])
