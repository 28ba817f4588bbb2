"""The support engineer's half: open a customer's bundle, show it, compare two runs. Read only."""
