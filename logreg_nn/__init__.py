"""logreg_nn: logistic regression is a single sigmoid neuron trained on cross-entropy.

The package holds both estimators of the same model, sharing one set of losses and one
objective, so that their agreement (with cross-entropy) and disagreement (with any other
loss, or outside the theorem's conditions) can be computed rather than asserted.
"""

from . import datasets, diagnostics, losses, optim
from .certify import Certificate, certify
from .compare import Comparison, compare
from .exceptions import (
    ConvergenceWarning,
    IllConditionedWarning,
    InvalidInputError,
    NotFittedError,
    RankDeficiencyError,
    SeparationError,
    SeparationWarning,
    TrainingDivergedError,
)
from .link import log_sigmoid, sigmoid
from .logistic import LogisticRegression
from .multinomial import MultinomialLogisticRegression, SoftmaxNetwork
from .network import SingleNeuronNetwork

__version__ = "0.1.0"

__all__ = [
    "Certificate",
    "Comparison",
    "ConvergenceWarning",
    "IllConditionedWarning",
    "InvalidInputError",
    "LogisticRegression",
    "MultinomialLogisticRegression",
    "NotFittedError",
    "RankDeficiencyError",
    "SeparationError",
    "SeparationWarning",
    "SingleNeuronNetwork",
    "SoftmaxNetwork",
    "TrainingDivergedError",
    "__version__",
    "certify",
    "compare",
    "datasets",
    "diagnostics",
    "log_sigmoid",
    "losses",
    "optim",
    "sigmoid",
]
