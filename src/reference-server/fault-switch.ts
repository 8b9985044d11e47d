/**
 * The reference server's test-only fault switch, in a module of its own so that the suite,
 * which sets it when it starts the bundled server, imports no part of the server's command
 * line.
 *
 * With HFTP_REFERENCE_TEST_UNREADABLE_PREFIX=unreadable, files whose names start with
 * "unreadable" fail to open, as an unreadable file would: the internal-error rule
 * (`199 INTERNAL SERVER ERROR\r\n`) is then testable even where root can read anything.
 */
export const FAULTS_VARIABLE = 'HFTP_REFERENCE_TEST_UNREADABLE_PREFIX';
