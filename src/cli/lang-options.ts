import { Help, type Command } from 'commander';
import type { Messages } from '../i18n/en';
import { isLang, type Lang } from '../i18n';

/** `--lang es` or `--lang=es` anywhere on the command line (so that help and errors use it too). */
export function langOfArgv(argv: readonly string[]): Lang | undefined {
  for (let i = 0; i < argv.length; i++) {
    const value = argv[i] === '--lang' ? argv[i + 1] : argv[i].startsWith('--lang=') ? argv[i].slice(7) : undefined;
    if (isLang(value)) return value;
  }
  return undefined;
}

/**
 * What `replay` runs: a rule ID (FRAME-4) is its tag; anything else a scenario name (or part
 * of one), matched literally.
 */
export function replayFilter(what: string, tags?: string): { tags?: string; names?: string[] } {
  const id = what.trim().replace(/^@/, '');
  if (/^[A-Za-z]+-\d+$/.test(id)) {
    const tag = `@${id.toUpperCase()}`;
    return { tags: tags ? `(${tags}) and ${tag}` : tag };
  }
  return { tags, names: [what.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')] };
}

/**
 * The help in the run's language: commander's own headings ("Usage:", "Options:") and the
 * help option and command (the commands' own texts are written in it where they are added).
 */
export function localizeHelp(program: Command, m: Messages): void {
  const titles: Record<string, string> = {
    'Usage:': m['cli.usage'] as string,
    'Options:': m['cli.options'] as string,
    'Commands:': m['cli.commands'] as string,
    'Arguments:': m['cli.arguments'] as string,
  };
  const words: [RegExp, string][] = [
    [/\(default: /g, `(${m['cli.default']}: `],
    [/\(choices: /g, `(${m['cli.choices']}: `],
    [/\(env: /g, `(${m['cli.env']}: `],
    [/, default: /g, `, ${m['cli.default']}: `],
    [/, env: /g, `, ${m['cli.env']}: `],
  ];
  const each = (command: Command) => {
    command.helpOption('-h, --help', m['cli.help'] as string);
    command.configureHelp({
      styleTitle: (title: string) => titles[title] ?? title,
      optionDescription: (option) =>
        words.reduce((text, [pattern, replacement]) => text.replace(pattern, replacement), Help.prototype.optionDescription.call(new Help(), option)),
    });
    command.usage(
      command
        .usage()
        .replace('[options]', m['cli.usageOptions'] as string)
        .replace('[command]', m['cli.usageCommand'] as string),
    );
    command.commands.forEach(each);
  };
  program.helpCommand('help [command]', m['cli.helpCommand'] as string);
  each(program);
}
