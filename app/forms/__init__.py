"""Spreadsheets the office sends to units and reads back: the feedback form (反馈表). openpyxl, no Qt, no SQL."""
