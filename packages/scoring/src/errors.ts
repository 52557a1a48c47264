/** Base class of every error thrown by @vigil/scoring. */
export class ScoringError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ScoringError';
  }
}

/** Training input that cannot produce a model (empty matrix, ragged rows, one class only). */
export class TrainingError extends ScoringError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TrainingError';
  }
}

/** A model file or manifest that is missing, malformed or does not match its recorded sha256. */
export class ModelIntegrityError extends ScoringError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ModelIntegrityError';
  }
}
