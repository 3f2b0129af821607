// An AWS error answer: the code and message AWS would send, and its HTTP status.
// Handlers throw these; the protocol layer writes them in the service's error shape.

export class PracticeError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = code;
  }
}

/** The awsQuery services' (ELBv2, Auto Scaling, STS) input validation error. */
export function validationError(message: string): PracticeError {
  return new PracticeError('ValidationError', message);
}

export function invalidAction(action: string): PracticeError {
  return new PracticeError('InvalidAction', `The action ${action} is not valid for this web service.`);
}
