Feature: get_slice: bytes of a file, in base64

  "get_slice FILENAME OFFSET SIZE" asks for SIZE bytes of the file starting at byte OFFSET
  (both non-negative integers, counted from 0). The answer is "0 OK", then those bytes
  encoded in base64 on one line. The statement's example, with the 41-byte file
  archivo.txt holding "!Que calor que hace hoy, pinta una birra!":

      client: get_slice archivo.txt 5 20\r\n
      server: 0 OK\r\n
              Y2Fsb3IgcXVlIGhhY2UgaG95LCA=\r\n

  OFFSET + SIZE <= file size must hold, or the answer is 203. The course's client also
  accepts the payload split into several lines, each padded on its own, so the suite
  accepts that too and checks the decoded bytes.

  @SLICE-1 @must
  Rule: SLICE-1: the payload is the base64 of exactly the requested bytes

    Scenario: The statement's example
      When the client sends "get_slice archivo.txt 5 20\r\n"
      Then the server answers with status 0
      And the payload decodes to the same bytes as "Y2Fsb3IgcXVlIGhhY2UgaG95LCA="

    @reference
    Scenario: The reference sends the statement's exact line
      When the client sends "get_slice archivo.txt 5 20\r\n"
      Then the server sends exactly "0 OK\r\nY2Fsb3IgcXVlIGhhY2UgaG95LCA=\r\n"

    Scenario: The course's full slice of a 44-byte file
      When the client sends "get_slice pangram.txt 0 44\r\n"
      Then the server answers with status 0
      And the payload decodes to "The quick brown fox jumped over the lazy dog"

    Scenario: The course's four slices of the 600-byte file, on one connection
      # abc600.txt is 100 "a", then 200 "b", then 300 "c".
      When the client sends "get_slice abc600.txt 0 100\r\n"
      Then the server answers with status 0
      And the payload decodes to the 100 bytes of "abc600.txt" from offset 0
      When the client sends "get_slice abc600.txt 100 200\r\n"
      Then the server answers with status 0
      And the payload decodes to the 200 bytes of "abc600.txt" from offset 100
      When the client sends "get_slice abc600.txt 200 200\r\n"
      Then the server answers with status 0
      And the payload decodes to the 200 bytes of "abc600.txt" from offset 200
      When the client sends "get_slice abc600.txt 500 100\r\n"
      Then the server answers with status 0
      And the payload decodes to the 100 bytes of "abc600.txt" from offset 500

    Scenario: NUL bytes in the middle of the file
      # nul300.bin is 100 "A", 100 NUL bytes, 100 "B".
      When the client sends "get_slice nul300.bin 0 300\r\n"
      Then the server answers with status 0
      And the payload decodes to the whole of "nul300.bin"

    Scenario: All 256 byte values
      When the client sends "get_slice bytes256.bin 0 256\r\n"
      Then the server answers with status 0
      And the payload decodes to the whole of "bytes256.bin"

    Scenario Outline: Every length modulo 3 (base64 padding "", "==" and "=")
      When the client sends "get_slice bytes256.bin <offset> <size>\r\n"
      Then the server answers with status 0
      And the payload decodes to the <size> bytes of "bytes256.bin" from offset <offset>

      Examples:
        | offset | size |
        | 10     | 3    |
        | 10     | 4    |
        | 10     | 5    |
        | 255    | 1    |

  @SLICE-2 @must
  Rule: SLICE-2: OFFSET + SIZE equal to the file size is valid, and SIZE 0 gives an empty payload line

    Scenario: A slice that ends exactly at the end of the file
      When the client sends "get_slice archivo.txt 25 16\r\n"
      Then the server answers with status 0
      And the payload decodes to "pinta una birra!"

    Scenario: SIZE 0 gives an empty payload line
      When the client sends "get_slice archivo.txt 5 0\r\n"
      Then the server answers with status 0
      And the payload decodes to ""

    Scenario: SIZE 0 at the very end of the file
      When the client sends "get_slice archivo.txt 41 0\r\n"
      Then the server answers with status 0
      And the payload decodes to ""

    Scenario: SIZE 0 of an empty file
      When the client sends "get_slice empty.txt 0 0\r\n"
      Then the server answers with status 0
      And the payload decodes to ""

  @SLICE-3 @must
  Rule: SLICE-3: OFFSET + SIZE beyond the file size gets 203

    Scenario: One byte too many
      When the client sends "get_slice archivo.txt 21 21\r\n"
      Then the server answers with status 203

    Scenario: The course's slice far past the end
      When the client sends "get_slice archivo.txt 0 100\r\n"
      Then the server answers with status 203

    Scenario: OFFSET past the end with SIZE 0
      When the client sends "get_slice archivo.txt 42 0\r\n"
      Then the server answers with status 203

    Scenario: Any byte of an empty file
      When the client sends "get_slice empty.txt 0 1\r\n"
      Then the server answers with status 203

  @SLICE-4 @must
  Rule: SLICE-4: a non-integer or negative OFFSET or SIZE, or a wrong argument count, is refused

    Scenario: The course's non-integer arguments
      When the client sends "get_slice archivo.txt x x\r\n"
      Then the server answers with status 201

    Scenario Outline: Refused arguments: <case>
      When the client sends "<request>"
      Then the server answers with status 201

      Examples:
        | case                  | request                          |
        | a non-integer SIZE    | get_slice archivo.txt 0 1.5\r\n  |
        | a missing SIZE        | get_slice archivo.txt 0\r\n      |
        | no arguments at all   | get_slice\r\n                    |
        | one argument too many | get_slice archivo.txt 0 1 2 3\r\n |

    Scenario: A negative OFFSET
      When the client sends "get_slice archivo.txt -1 5\r\n"
      Then the server's answer is one of: 201, 203

    Scenario: A negative SIZE
      When the client sends "get_slice archivo.txt 5 -1\r\n"
      Then the server's answer is one of: 201, 203

    @reference
    Scenario: The reference refuses a sign as a non-digit (201)
      When the client sends "get_slice archivo.txt -1 5\r\n"
      Then the server answers with status 201

  @SLICE-5 @must
  Rule: SLICE-5: get_slice of a missing file gets 202

    Scenario: A missing file with valid numbers
      When the client sends "get_slice does_not_exist 0 10\r\n"
      Then the server answers with status 202

  @SLICE-6 @must
  Rule: SLICE-6: a 33 MB file sliced whole arrives intact

    Scenario: The course's big file, sliced whole
      # big33M.bin: 254 blocks of 128 KiB, block i filled with byte i. A server may read and
      # encode the whole 33 MB before its first byte: the status may take a while.
      When the client sends "get_slice big33M.bin 0 33292288\r\n"
      Then within 18 s the server answers with status 0
      And the payload decodes to the whole of "big33M.bin"

  @SLICE-7 @info
  Rule: SLICE-7: numbers written "+5", "005" or beyond 2^64 (the statements do not say)

    Scenario: A plus sign
      When the client sends "get_slice archivo.txt +5 3\r\n"
      Then the server's answer is one of: 201, 0, 203
      And if the status was 0, the payload decodes to the 3 bytes of "archivo.txt" from offset 5

    Scenario: Leading zeros
      When the client sends "get_slice archivo.txt 005 3\r\n"
      Then the server's answer is one of: 201, 0, 203
      And if the status was 0, the payload decodes to the 3 bytes of "archivo.txt" from offset 5

    Scenario: A number beyond 2^64
      When the client sends "get_slice archivo.txt 0 340282366920938463463374607431768211456\r\n"
      Then the server's answer is one of: 201, 203

    @reference
    Scenario: The reference reads digits only, leading zeros included, and huge numbers as too large
      When the client sends "get_slice archivo.txt +5 3\r\nget_slice archivo.txt 005 3\r\nget_slice archivo.txt 0 340282366920938463463374607431768211456\r\n"
      Then the server sends exactly "201 INVALID ARGUMENTS FOR COMMAND\r\n0 OK\r\nY2Fs\r\n203 OFFSET EXCEEDS FILE SIZE\r\n"

  @SLICE-8 @info
  Rule: SLICE-8: which check wins when several fail (the statements do not say)

    Scenario: A missing file and non-integer numbers
      When the client sends "get_slice missing.txt x y\r\n"
      Then the server's answer is one of: 201, 202

    @reference
    Scenario: The reference checks the arguments before the file
      When the client sends "get_slice missing.txt x y\r\n"
      Then the server answers with status 201
