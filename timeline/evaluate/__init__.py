"""TimeML / MEANTIME readers and the TempEval-style scorers behind `timeline eval`."""
