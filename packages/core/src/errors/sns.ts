import { SealbusError } from './SealbusError.js';

/** A topic or subscription that does not exist (SNS `NotFound`). */
export class NotFoundError extends SealbusError {
  override readonly name = 'NotFoundError';
  readonly code = 'NotFound';
}

/** SNS `InvalidParameter`: a bad topic name, filter policy or publish argument. */
export class InvalidParameterError extends SealbusError {
  override readonly name = 'InvalidParameterError';
  readonly code = 'InvalidParameter';
}

export class FilterPolicyLimitExceededError extends SealbusError {
  override readonly name = 'FilterPolicyLimitExceededError';
  readonly code = 'FilterPolicyLimitExceeded';
}

/** SNS `ResourceNotFound`: the resource a tagging action names does not exist. */
export class SnsResourceNotFoundError extends SealbusError {
  override readonly name = 'SnsResourceNotFoundError';
  readonly code = 'ResourceNotFound';
}

/** SNS `TagLimitExceeded`: a resource would carry more than 50 tags. */
export class TagLimitExceededError extends SealbusError {
  override readonly name = 'TagLimitExceededError';
  readonly code = 'TagLimitExceeded';
}
