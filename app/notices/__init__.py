"""Supervision notices as PDF documents in the GB/T 9704-2012 layout, drawn with reportlab (no Qt, no SQL)."""
