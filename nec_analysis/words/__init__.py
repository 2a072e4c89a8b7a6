"""Everything a reader reads, computed from the analyses' Results.

``labels`` (ids in words) and ``format`` (numbers, plurals, one rounding rule) are leaf
modules any layer may use; ``describe`` holds the sentences of each topic.
"""
