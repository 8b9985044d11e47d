import type { Lang } from '../i18n';

/**
 * What is usually wrong in a student server that fails a must rule: one or two sentences,
 * in both languages, printed under the expected and received lines of a failure and carried
 * in the JSON report. From the README's "ten most common failures" (the bugs the mutant
 * zoo imitates), extended to every must rule. rules.test.ts-style checks: every must rule
 * has a hint in every language (hints.test.ts).
 */
export const HINTS: Readonly<Record<string, Record<Lang, string>>> = {
  'FRAME-1': {
    en: 'The server must answer as soon as it has read a whole line ending in "\\r\\n": check that it does not wait for the connection to close, or for more data, before answering.',
    es: 'El servidor tiene que responder apenas leyó una línea completa terminada en "\\r\\n": revisá que no espere a que se cierre la conexión, ni más datos, antes de responder.',
  },
  'FRAME-2': {
    en: 'Only the first request of each recv() is handled: keep the rest of the buffer after the first "\\r\\n" and loop over every complete line in it.',
    es: 'Solo se atiende el primer pedido de cada recv(): guardá el resto del buffer después del primer "\\r\\n" y recorré todas las líneas completas que contenga.',
  },
  'FRAME-3': {
    en: 'Each recv() is taken as a whole request: append what arrives to a buffer and handle a request only once the buffer holds "\\r\\n".',
    es: 'Cada recv() se toma como un pedido entero: acumulá lo que llega en un buffer y atendé un pedido recién cuando el buffer contiene "\\r\\n".',
  },
  'FRAME-4': {
    en: 'A "\\n" not preceded by "\\r" must get 100 and then a close: look for a bare "\\n" in the line (or in the buffer), answer 100 BAD EOL and close the socket.',
    es: 'Un "\\n" que no viene después de "\\r" recibe 100 y después se cierra la conexión: buscá un "\\n" suelto en la línea (o en el buffer), respondé 100 BAD EOL y cerrá el socket.',
  },
  'FRAME-9': {
    en: 'A 5 MiB line must be read whole: do not cap the buffer below that, and do not rescan the whole buffer for "\\r\\n" at every recv() (search only the new bytes).',
    es: 'Una línea de 5 MiB tiene que leerse entera: no limites el buffer por debajo de eso, y no vuelvas a recorrer todo el buffer buscando "\\r\\n" en cada recv() (buscá solo en los bytes nuevos).',
  },
  'STATUS-1': {
    en: 'A status line is the code, one space, a non-empty text and "\\r\\n" ("0 OK\\r\\n"): check the separator, the text, and that the line ends in "\\r\\n", not "\\n".',
    es: 'Una línea de estado es el código, un espacio, un texto no vacío y "\\r\\n" ("0 OK\\r\\n"): revisá el separador, el texto y que la línea termine en "\\r\\n", no en "\\n".',
  },
  'STATUS-2': {
    en: 'After a 1xx status (100, 101, 199) the server must close the connection: set the flag that ends the connection loop and close the socket right after sending it.',
    es: 'Después de un estado 1xx (100, 101, 199) el servidor tiene que cerrar la conexión: activá la condición que termina el ciclo de la conexión y cerrá el socket justo después de enviarlo.',
  },
  'STATUS-3': {
    en: 'A 2xx error must not end the connection: only 1xx codes and quit close it; keep reading requests after 200, 201, 202, 203.',
    es: 'Un error 2xx no termina la conexión: solo los códigos 1xx y quit la cierran; seguí leyendo pedidos después de 200, 201, 202, 203.',
  },
  'STATUS-6': {
    en: 'After sending an error the handler goes on and sends more (a "0 OK", an empty line): return right after each error status.',
    es: 'Después de enviar un error el manejador sigue y envía algo más (un "0 OK", una línea vacía): hacé return justo después de cada estado de error.',
  },
  'CMD-1': {
    en: 'A command that is not one of get_file_listing, get_metadata, get_slice, quit must get 200 NO SUCH COMMAND (and the connection stays open).',
    es: 'Un comando que no es get_file_listing, get_metadata, get_slice ni quit recibe 200 NO SUCH COMMAND (y la conexión sigue abierta).',
  },
  'LIST-1': {
    en: 'The listing must end with an empty line: send "\\r\\n" after the last name, and "\\r\\n" after each name.',
    es: 'El listado tiene que terminar con una línea vacía: enviá "\\r\\n" después del último nombre, y "\\r\\n" después de cada nombre.',
  },
  'LIST-2': {
    en: 'List exactly the files of the directory given with -d (os.listdir of that directory, not of the current one), each name once, without paths.',
    es: 'Listá exactamente los archivos del directorio indicado con -d (os.listdir de ese directorio, no del actual), cada nombre una vez, sin rutas.',
  },
  'LIST-3': {
    en: 'An empty directory is "0 OK\\r\\n\\r\\n": the final empty line must be sent even when there is no name.',
    es: 'Un directorio vacío es "0 OK\\r\\n\\r\\n": la línea vacía final se envía aunque no haya ningún nombre.',
  },
  'LIST-4': {
    en: 'get_file_listing takes no arguments: with any argument it must get 201 INVALID ARGUMENTS FOR COMMAND.',
    es: 'get_file_listing no lleva argumentos: con cualquier argumento recibe 201 INVALID ARGUMENTS FOR COMMAND.',
  },
  'META-1': {
    en: 'The size is os.path.getsize of the file, in decimal, on its own line after "0 OK\\r\\n": check the path is joined with the served directory.',
    es: 'El tamaño es os.path.getsize del archivo, en decimal, en su propia línea después de "0 OK\\r\\n": revisá que la ruta se una con el directorio servido.',
  },
  'META-2': {
    en: 'A file that does not exist must get 202 FILE NOT FOUND, not 201 or 199: check os.path.isfile before reading its size.',
    es: 'Un archivo que no existe recibe 202 FILE NOT FOUND, no 201 ni 199: verificá os.path.isfile antes de leer su tamaño.',
  },
  'META-3': {
    en: 'get_metadata takes exactly one argument: check the number of arguments (201) before looking for the file.',
    es: 'get_metadata lleva exactamente un argumento: verificá la cantidad de argumentos (201) antes de buscar el archivo.',
  },
  'SLICE-1': {
    en: 'An off-by-one in the offset, or the whole file encoded instead of the slice: open in binary, seek(OFFSET), read(SIZE), then base64 of exactly those bytes.',
    es: 'Un error de uno en el desplazamiento, o se codifica el archivo entero en lugar de la porción: abrí en binario, seek(OFFSET), read(SIZE), y base64 exactamente de esos bytes.',
  },
  'SLICE-2': {
    en: 'The range check is written OFFSET + SIZE >= size: a slice that ends exactly at the end of the file is valid (203 only when OFFSET + SIZE > size), and SIZE 0 gives an empty line.',
    es: 'La verificación de rango está escrita OFFSET + SIZE >= tamaño: una porción que termina justo al final del archivo es válida (203 solo si OFFSET + SIZE > tamaño), y SIZE 0 da una línea vacía.',
  },
  'SLICE-3': {
    en: 'OFFSET + SIZE beyond the file size must get 203 OFFSET EXCEEDS FILE SIZE: compare with os.path.getsize before reading.',
    es: 'OFFSET + SIZE más allá del tamaño del archivo recibe 203 OFFSET EXCEEDS FILE SIZE: compará con os.path.getsize antes de leer.',
  },
  'SLICE-4': {
    en: 'Numbers must be non-negative integers: int("1.5") fails but int("-1") does not, so check the sign too (201), and catch the ValueError (201, not a crash).',
    es: 'Los números tienen que ser enteros no negativos: int("1.5") falla pero int("-1") no, así que revisá también el signo (201), y atrapá el ValueError (201, no una caída).',
  },
  'SLICE-5': {
    en: 'get_slice of a file that does not exist, with valid numbers, must get 202 FILE NOT FOUND: check the file before opening it.',
    es: 'get_slice de un archivo que no existe, con números válidos, recibe 202 FILE NOT FOUND: verificá el archivo antes de abrirlo.',
  },
  'SLICE-6': {
    en: 'A 33 MB slice must arrive whole: send with sendall (send() may write only part), in pieces of a multiple of 3 bytes base64-encoded one after the other, or all at once.',
    es: 'Una porción de 33 MB tiene que llegar entera: enviá con sendall (send() puede escribir solo una parte), en pedazos de un múltiplo de 3 bytes codificados en base64 uno tras otro, o todo junto.',
  },
  'QUIT-1': {
    en: 'quit answers 0 OK but the socket is never closed: close it right after sending the answer (and leave the connection loop).',
    es: 'quit responde 0 OK pero el socket nunca se cierra: cerralo justo después de enviar la respuesta (y salí del ciclo de la conexión).',
  },
  'QUIT-2': {
    en: 'quit takes no arguments: "quit now" must get 201 and the connection stays open (do not close before checking the arguments).',
    es: 'quit no lleva argumentos: "quit now" recibe 201 y la conexión sigue abierta (no cierres antes de verificar los argumentos).',
  },
  'CONC-1': {
    en: 'One client at a time: since 2024 each connection needs its own thread (threading.Thread per accept) or an event loop.',
    es: 'Un cliente a la vez: desde 2024 cada conexión necesita su propio hilo (un threading.Thread por cada accept) o un ciclo de eventos.',
  },
  'CONC-2': {
    en: "Two clients get each other's bytes or wait for each other: keep the buffer, the open file and the position per connection (attributes of the connection object, not globals).",
    es: 'Dos clientes reciben bytes del otro o se esperan entre sí: guardá el buffer, el archivo abierto y la posición por conexión (atributos del objeto conexión, no variables globales).',
  },
  'CONC-3': {
    en: "An error or a drop on one connection ends the server or the other clients: handle exceptions inside each connection's thread and close only that socket.",
    es: 'Un error o un corte en una conexión termina el servidor o a los otros clientes: manejá las excepciones dentro del hilo de cada conexión y cerrá solo ese socket.',
  },
  'ROBUST-1': {
    en: 'A client that goes away without quit crashes the server or blocks a worker: catch BrokenPipeError and ConnectionResetError per connection, and end the loop when recv() returns b"".',
    es: 'Un cliente que se va sin quit hace caer al servidor o bloquea un trabajador: atrapá BrokenPipeError y ConnectionResetError en cada conexión, y terminá el ciclo cuando recv() devuelve b"".',
  },
};

export function hintFor(ruleId: string | undefined, lang: Lang): string | undefined {
  return ruleId ? HINTS[ruleId]?.[lang] : undefined;
}
