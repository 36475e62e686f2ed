"""Seed 002's logistic regression in float64 NumPy, the reference the
example tests compare examples/logistic_regression.th against: the
analytic gradient of mean(xent) + 0.01 * sum(w**2), step size 0.1."""
import numpy as np


def stable_xent(X, Y, w, b):
    """The per-example cross-entropy, log(1 + exp(z)) - y*z, finite for every z."""
    z = X.dot(w) + b
    return np.logaddexp(0, z) - Y * z


def step(X, Y, w, b):
    """One training step: the new (w, b)."""
    p = 1 / (1 + np.exp(-(X.dot(w) + b)))
    err = p - Y
    return w - 0.1 * (err.dot(X) / len(Y) + 0.02 * w), b - 0.1 * err.mean()
