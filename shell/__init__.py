"""The Streamlit shell: the one package that touches Streamlit state.

Query parameters, session state, cached reads, the sidebar, the page registry and the map
component live here; `views/` and `scoring/` take plain arguments and never import Streamlit
(a ruff rule enforces it). Pages call `shell.page.setup()` first and get the view context.
"""
