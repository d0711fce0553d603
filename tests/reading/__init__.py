"""Tests of app/reading (a package so that its test module names cannot clash with other folders')."""
