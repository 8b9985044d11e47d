/** Moved to src/protocol (the response parser reads status lines); kept here for the step definitions. */
export * from '../protocol/status-line';
