"""What the benchmark generators share: the seeded generator and the policy document wrapper.

Imported by Benchmarks/org-scale/make-organization.py and Benchmarks/access-paths/make-organization.py
(each puts this folder on sys.path). Deterministic: the same seed gives the same sequence, so the
generators write the same bytes for the same arguments.
"""

MASK = (1 << 64) - 1


class SplitMix64:
    """The generator of Benchmarks/Sources/BenchSupport/SeededGenerator.swift, in Python."""

    def __init__(self, seed):
        self.state = seed & MASK

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def below(self, n):
        return self.next() % n

    def pick(self, items):
        return items[self.below(len(items))]

    def token(self, length=10):
        alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
        return "".join(alphabet[self.below(len(alphabet))] for _ in range(length))


def document(statements):
    """An IAM policy document of `statements`."""
    return {"Version": "2012-10-17", "Statement": statements}
