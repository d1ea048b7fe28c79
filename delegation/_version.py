"""The engine's version: one place, read by the package metadata and by decision receipts."""

__version__ = "0.1.0"
