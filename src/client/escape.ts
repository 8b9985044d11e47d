/** Moved to src/protocol (the response parser reports with it); kept here for the step definitions. */
export * from '../protocol/escape';
