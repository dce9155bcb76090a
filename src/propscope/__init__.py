"""propscope: shows analysts how news persuades."""

__version__ = "0.1.0"
