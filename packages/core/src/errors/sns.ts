import { errorBase } from './SealbusError.js';

/** A topic or subscription that does not exist (SNS `NotFound`). */
export class NotFoundError extends errorBase('NotFound') {}

/** SNS `InvalidParameter`: a bad topic name, filter policy or publish argument. */
export class InvalidParameterError extends errorBase('InvalidParameter') {}

export class FilterPolicyLimitExceededError extends errorBase('FilterPolicyLimitExceeded') {}

/** SNS `ResourceNotFound`: the resource a tagging action names does not exist. */
export class SnsResourceNotFoundError extends errorBase('ResourceNotFound') {}

/** SNS `TagLimitExceeded`: a resource would carry more than 50 tags. */
export class TagLimitExceededError extends errorBase('TagLimitExceeded') {}

/** SNS `EndpointDisabled`: a direct publish to a platform endpoint whose `Enabled` is false. */
export class EndpointDisabledError extends errorBase('EndpointDisabled') {}
