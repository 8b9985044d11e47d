import * as serialize from '../protocol/response-serializer';
import { StatusCode } from '../protocol/status-code';
import { COMMANDS_2026, EOL } from '../protocol/wire';
import type { Request, SliceRequest } from './request';
import type { ResponseWriter } from './response-writer';
import type { ServedDirectory } from './served-directory';
import { base64Range, readRange } from './slice-stream';

/** What the connection does once a command has run. */
export type CommandResult = { kind: 'answered' } | { kind: 'refused'; status: StatusCode } | { kind: 'quit' };

export interface CommandContext {
  directory: ServedDirectory;
  writer: ResponseWriter;
}

const OK = serialize.statusLine(StatusCode.OK);
const answered: CommandResult = { kind: 'answered' };
const refused = (status: StatusCode): CommandResult => ({ kind: 'refused', status });

/** One handler per command. Each writes its whole success response, or refuses with a status. */
export async function runCommand(request: Request, ctx: CommandContext): Promise<CommandResult> {
  switch (request.command) {
    case 'get_file_listing':
      return getFileListing(ctx);
    case 'get_metadata':
      return getMetadata(request.name, ctx);
    case 'get_slice':
      return getSlice(request, ctx);
    case 'quit':
      await ctx.writer.write(OK);
      return { kind: 'quit' };
    case 'help':
      return help(ctx);
  }
}

/**
 *     0 OK\r\n
 *     archivo.txt\r\n
 *     pangram.txt\r\n
 *     \r\n
 */
async function getFileListing(ctx: CommandContext): Promise<CommandResult> {
  const names = await ctx.directory.listNames();
  await ctx.writer.write(serialize.listing(names));
  return answered;
}

/**
 *     0 OK\r\n
 *     41\r\n
 */
async function getMetadata(name: string, ctx: CommandContext): Promise<CommandResult> {
  const size = await ctx.directory.sizeOf(name);
  if (size === null) return refused(StatusCode.FILE_NOT_FOUND);
  await ctx.writer.write(serialize.metadata(size));
  return answered;
}

/**
 * Base64 form, one line however large, streamed:
 *
 *     0 OK\r\n
 *     Y2Fsb3IgcXVlIGhhY2UgaG95LCA=\r\n
 *
 * Raw form (2026 revision): the exact bytes after a length header.
 *
 *     0 OK\r\n
 *     Content-Length: 20\r\n
 *     \r\n
 *     calor que hace hoy,
 */
async function getSlice(request: SliceRequest, ctx: CommandContext): Promise<CommandResult> {
  const file = await ctx.directory.open(request.name);
  if (!file) return refused(StatusCode.FILE_NOT_FOUND);
  try {
    // OFFSET + SIZE <= filesize must hold; compared as bigint because the numbers may be huge.
    if (request.offset + request.size > BigInt(file.size)) return refused(StatusCode.BAD_OFFSET);
    const offset = Number(request.offset);
    const size = Number(request.size);
    if (request.raw) {
      await ctx.writer.write(serialize.rawSliceHead(size));
      // Fresh buffers: the socket keeps a reference to each one until it is sent.
      for await (const piece of readRange(file.handle, offset, size, 64 * 1024, false)) await ctx.writer.write(piece);
    } else {
      // serialize.base64Slice, streamed: the status line, the base64, the CR LF.
      await ctx.writer.write(OK);
      for await (const text of base64Range(file.handle, offset, size)) await ctx.writer.write(text);
      await ctx.writer.write(EOL);
    }
    return answered;
  } finally {
    await file.handle.close();
  }
}

/**
 *     0 OK\r\n
 *     get_file_listing\r\n
 *     ...
 *     \r\n
 */
async function help(ctx: CommandContext): Promise<CommandResult> {
  await ctx.writer.write(serialize.help(COMMANDS_2026));
  return answered;
}
