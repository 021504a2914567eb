#if canImport(Glibc)
  import Glibc
#endif

/// The command line read without the argument parser, when it has the
/// plain shape nearly every run has: `-r`, `-f`, `-c` and `--format`,
/// each at most once and followed by a value that does not start with
/// `-`, and script arguments that do not either. The parser builds its
/// model of the command by reflection, twice (once to look for a
/// completion-script request): about 12 million instructions, as many as
/// hexdumping 2,000 packets. Anything else (help, `--version`, `-rFILE`,
/// `--format=csv`, a repeated option, a mistake) goes to the parser,
/// which answers as before.
struct PlainArguments {
  var readFile: String?
  var file: String?
  var commands: String?
  var format: String?
  var arguments: [String] = []

  /// The options and arguments of `words` (without the program's name),
  /// or nil when they are not of the plain shape.
  init?(_ words: ArraySlice<String>) {
    var rest = words
    while let word = rest.popFirst() {
      guard word.hasPrefix("-") else {
        arguments.append(word)
        continue
      }
      guard let value = rest.popFirst(), !value.hasPrefix("-") else { return nil }
      switch word {
      case "-r" where readFile == nil: readFile = value
      case "-f" where file == nil: file = value
      case "-c" where commands == nil: commands = value
      case "--format" where format == nil: format = value
      default: return nil
      }
    }
  }

  /// The command these options make, as the parser would have made it.
  var command: PktshCommand {
    var command = PktshCommand()
    command.readFile = readFile
    command.file = file
    command.commands = commands
    command.format = format
    command.arguments = arguments
    return command
  }
}
