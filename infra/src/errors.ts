/** Base of every error the CDK app throws at synth time. */
export class InfraError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'InfraError';
  }
}

/** A `vigil:*` context value is missing a required shape. */
export class InfraConfigError extends InfraError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'InfraConfigError';
  }
}

/** Something the detect bundle needs (runtime binary, models, rules) is not in the checkout. */
export class BundleInputError extends InfraError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'BundleInputError';
  }
}
