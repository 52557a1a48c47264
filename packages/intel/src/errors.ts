/** Base class of every error the intel package throws. */
export class IntelError extends Error {
  override name = 'IntelError';
}

/** A provider, feed or cache was configured wrongly (bad key shape, unknown option, bad URL). */
export class IntelConfigError extends IntelError {
  override name = 'IntelConfigError';
}

/** A feed or snapshot file could not be parsed; names the feed and the line. */
export class FeedParseError extends IntelError {
  override name = 'FeedParseError';
}
