"""Fleet mode: many API users (one per customer account) checked in one bounded, paced run."""

DEFAULT_JOBS = 8
