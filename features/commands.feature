Feature: Commands

  The first element of a request is the command; the rest are its arguments. Every
  statement since 2021 has four commands:

      get_file_listing
      get_metadata FILENAME
      get_slice FILENAME OFFSET SIZE
      quit

  Anything else is not a command, and the server says so with 200. The connection goes on.

  @CMD-1 @must
  Rule: CMD-1: an unknown command gets 200

    Scenario: The course's unknown command
      When the client sends "verdura\r\n"
      Then the server answers with status 200

    Scenario: An unknown command with arguments
      When the client sends "get_file archivo.txt\r\n"
      Then the server answers with status 200

  @CMD-2 @info
  Rule: CMD-2: a command name in another case (the statements do not say)

    Scenario: "QUIT" in capitals
      When the client sends "QUIT\r\n"
      Then the server's answer is one of: 200, 0 then close

    @reference
    Scenario: The reference matches command names exactly
      When the client sends "QUIT\r\nGet_Metadata archivo.txt\r\n"
      Then the server sends exactly "200 NO SUCH COMMAND\r\n200 NO SUCH COMMAND\r\n"
