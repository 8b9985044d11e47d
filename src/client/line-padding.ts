/** Moved to src/protocol (the response parser forgives padding); kept here for the step definitions. */
export * from '../protocol/line-padding';
