"""The domain: the responsibility matrix, deadlines, status and lights, working days. Pure Python, no Qt, no SQL."""
