"""Helpers the real model layers share (torch, diffusers, transformers). Every torch import is inside
a function, so a pipeline.py imports this package and its contract layer runs without torch."""
