"""Analysts correct the machine (issue 8): effective labels, agreement, export and import.

Pure functions over articles, their stored analyses and corrections (schema/review.py);
the Store facade (store/review_facade.py) loads the inputs and persists corrections.
"""
