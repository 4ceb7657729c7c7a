/**
 * Errors shaped like Office.js's `OfficeExtension.Error` (the runtime class is `RichApi.Error`):
 * `name`, `code`, `message`, `debugInfo { code, message, errorLocation }`, `httpStatusCode`,
 * `traceMessages`, `innerError`. Messages are the ones in the Office docs ("Error handling with the
 * application-specific JavaScript APIs") and in the Office.js runtime's string table.
 */

const MESSAGES: Record<string, string> = {
  AccessDenied: 'You cannot perform the requested operation.',
  ApiNotFound:
    'The API you are trying to use could not be found. It may be available in a newer version of the Office application.',
  GeneralException: 'There was an internal error while processing the request.',
  InsertDeleteConflict: 'The insert or delete operation attempted resulted in a conflict.',
  InvalidArgument: 'The argument is invalid or missing or has an incorrect format.',
  InvalidOperation: 'The operation attempted is invalid on the object.',
  InvalidReference: 'This reference is not valid for the current operation.',
  ItemAlreadyExists: 'The resource being created already exists.',
  ItemNotFound: "The requested resource doesn't exist.",
  NotImplemented: "The requested feature isn't implemented.",
  RequestPayloadSizeLimitExceeded:
    'The request payload size has exceeded the limit. Please refer to the documentation: "https://docs.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins".',
  ResponsePayloadSizeLimitExceeded:
    'The response payload size has exceeded the limit. Please refer to the documentation: "https://docs.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins".',
  RangeExceedsLimit: 'The cell count in the range has exceeded the maximum supported number.',
  NonBlankCellOffSheet:
    "Microsoft Excel can't insert new cells because it would push non-empty cells off the end of the worksheet.",
  MergedRangeConflict:
    "Cannot complete the operation. A table can't overlap with another table, a PivotTable report, query results, merged cells, or an XML Map.",
  PropertyNotLoaded:
    "The property '{0}' is not available. Before reading the property's value, call the load method on the containing object and call \"context.sync()\" on the associated request context.",
  ValueNotLoaded:
    'The value of the result object has not been loaded yet. Before reading the value property, call "context.sync()" on the associated request context.',
  RunMustReturnPromise:
    'The batch function passed to the ".run" method didn\'t return a promise. The function must return a promise, so that any automatically-tracked objects can be released at the completion of the batch operation. Typically, you return a promise by returning the response from "context.sync()".',
  InvalidRequestContext: 'Cannot use the object across different request contexts.',
  CannotUpdateReadOnlyProperty: "Attempting to set read-only property '{0}'.",
};

const HTTP_STATUS: Record<string, number> = {
  AccessDenied: 401,
  ApiNotFound: 404,
  InvalidArgument: 400,
  InvalidRequestContext: 400,
  PropertyNotLoaded: 400,
  ValueNotLoaded: 400,
  RequestPayloadSizeLimitExceeded: 400,
  ResponsePayloadSizeLimitExceeded: 400,
  CannotUpdateReadOnlyProperty: 400,
};

export interface SimDebugInfo {
  code: string;
  message: string;
  errorLocation?: string;
  /** Simulator-only: a plain-English explanation of why the simulated host refused. */
  simNote?: string;
}

/** The simulator's `OfficeExtension.Error`. */
export class SimOfficeError extends Error {
  override name = 'RichApi.Error';
  code: string;
  debugInfo: SimDebugInfo;
  httpStatusCode: number;
  traceMessages: string[] = [];
  innerError: SimOfficeError | null = null;

  constructor(code: string, opts: { location?: string; message?: string; note?: string } = {}) {
    const message = opts.message ?? MESSAGES[code] ?? code;
    super(message);
    Object.setPrototypeOf(this, SimOfficeError.prototype);
    this.code = code;
    this.httpStatusCode = HTTP_STATUS[code] ?? 500;
    this.debugInfo = {
      code,
      message,
      ...(opts.location ? { errorLocation: opts.location } : {}),
      ...(opts.note ? { simNote: opts.note } : {}),
    };
  }

  override toString(): string {
    return `${this.code}: ${this.message}`;
  }
}

/** A host-side error (surfaces from `context.sync()`); `note` says what the simulator saw. */
export function hostError(code: string, location: string, note?: string): SimOfficeError {
  return new SimOfficeError(code, { location, note });
}

export function propertyNotLoaded(entity: string, property: string): SimOfficeError {
  return new SimOfficeError('PropertyNotLoaded', {
    message: MESSAGES.PropertyNotLoaded.replace('{0}', property),
    location: `${entity}.${property}`,
  });
}

export function valueNotLoaded(): SimOfficeError {
  return new SimOfficeError('ValueNotLoaded');
}

/** What the Office.js runtime throws synchronously when a member needs a newer ExcelApi than the host has. */
export function apiNotFound(member: string, version: string): SimOfficeError {
  return new SimOfficeError('ApiNotFound', {
    message: `The method or property ${member} is part of the ExcelApi ${version} requirement set, which is not available in your version of Excel.`,
    location: member,
  });
}

/** Client-side argument errors (the Office.js runtime throws these before anything is queued). */
export function invalidArgument(location: string, note?: string): SimOfficeError {
  return new SimOfficeError('InvalidArgument', { location, note });
}
