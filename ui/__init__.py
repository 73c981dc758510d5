"""Streamlit views of the LeNet-5 classroom app: one small module per panel or tab."""
