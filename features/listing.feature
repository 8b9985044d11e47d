Feature: get_file_listing: the files the server serves

  "get_file_listing" takes no arguments. The answer is "0 OK", then one line per file
  served, then an empty line that ends the list:

      client: get_file_listing\r\n
      server: 0 OK\r\n
              archivo.txt\r\n
              pangram.txt\r\n
              \r\n

  The order is not specified. An empty directory answers "0 OK\r\n\r\n".

  @LIST-1 @must
  Rule: LIST-1: a listing is 0 OK, one name per line, then an empty line

    Scenario: The listing of the fixture files
      When the client sends "get_file_listing\r\n"
      Then the server answers with status 0
      And the listing names exactly the fixture files, in any order
      And the server sends nothing more and keeps the connection open

  @LIST-2 @must
  Rule: LIST-2: the listing names exactly the files served, in any order

    @managed-dir
    Scenario: The course's three files
      Given the served directory holds only these empty files:
        | bar |
        | foo |
        | x   |
      When the client sends "get_file_listing\r\n"
      Then the server answers with status 0
      And the listing names exactly these files, in any order:
        | bar |
        | foo |
        | x   |

    @managed-dir
    Scenario: The course's 1000 files
      Given the served directory holds only 1000 empty files named "test_file0000" to "test_file0999"
      When the client sends "get_file_listing\r\n"
      Then the server answers with status 0
      And the listing names exactly the 1000 files "test_file0000" to "test_file0999", in any order

    @managed-dir @reference
    Scenario: The reference lists in sorted order
      Given the served directory holds only these empty files:
        | x   |
        | foo |
        | bar |
      When the client sends "get_file_listing\r\n"
      Then the server sends exactly "0 OK\r\nbar\r\nfoo\r\nx\r\n\r\n"

  @LIST-3 @must
  Rule: LIST-3: an empty directory lists as "0 OK\r\n\r\n"

    @managed-dir
    Scenario: The course's empty directory
      Given the served directory is empty
      When the client sends "get_file_listing\r\n"
      Then the server answers with status 0
      And the listing is empty

  @LIST-4 @must
  Rule: LIST-4: get_file_listing with arguments gets 201

    Scenario: An argument to get_file_listing
      When the client sends "get_file_listing archivo.txt\r\n"
      Then the server answers with status 201

  @LIST-5 @info
  Rule: LIST-5: what else a directory holds may be listed or not (the statements do not say)

    @managed-dir
    Scenario: A subdirectory, a hidden file and a name with other characters
      Given the served directory also holds a subdirectory "subdir"
      And the served directory also holds a file ".hidden" containing "h"
      And the served directory also holds a file "a+b.txt" containing "ab"
      When the client sends "get_file_listing\r\n"
      Then the server answers with status 0
      And the listing includes "archivo.txt"

    @managed-dir @reference
    Scenario: The reference lists regular files with valid names only
      Given the served directory also holds a subdirectory "subdir"
      And the served directory also holds a file "a+b.txt" containing "ab"
      When the client sends "get_file_listing\r\n"
      Then the server answers with status 0
      And the listing does not include "subdir"

    @managed-dir @reference
    Scenario: The reference does not list a name with other characters
      Given the served directory also holds a file "a+b.txt" containing "ab"
      When the client sends "get_file_listing\r\n"
      Then the server answers with status 0
      And the listing does not include "a+b.txt"
