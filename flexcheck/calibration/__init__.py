"""The calibration kit: what the real FortiCloud answers, recorded without a secret in it."""
