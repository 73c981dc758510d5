"""A class without browsers: `python -m bench.load` (Locust students over Streamlit's websocket protocol), the
recording its drawings come from (record.py), its check against Chromium (validate.py), the issue 13
scenarios, and the older load with real Chromium pages (browsers.py)."""
