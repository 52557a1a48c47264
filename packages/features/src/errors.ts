/** Base class of the features package's errors. */
export class FeaturesError extends Error {
  override name = 'FeaturesError';
}

/** The IP database files are missing or not in the expected `start,end,value[,name]` layout. */
export class IpDatabaseError extends FeaturesError {
  override name = 'IpDatabaseError';
}

/** A stored profile does not have the shape this version writes. */
export class ProfileFormatError extends FeaturesError {
  override name = 'ProfileFormatError';
}
