"""Documents → the responsibility matrix: format readers, clean-up, structure, notes, units, deadlines.

No Qt and no SQL here: the command line, the window and the tests all use it the same way.
"""
