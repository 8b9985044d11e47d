import type { Lang } from './index';

/**
 * The expected/received details the steps write (in English, as data in the records) read in
 * another language: the phrases that recur, translated; quoted wire bytes, numbers and
 * status texts untouched. A phrase not in the table stays as it is.
 */
const ES: [RegExp, string | ((...groups: string[]) => string)][] = [
  [/\bthe connection was still open ([\d.]+) ms later/g, (_, ms) => `la conexión seguía abierta ${Math.round(Number(ms))} ms después`],
  [/\bwith nothing more sent\b/g, 'sin que se envíe nada más'],
  [/\bnothing more sent\b/g, 'nada más enviado'],
  [/ \(expected /g, ' (se esperaba '],
  [/\bafter this sequence, /g, 'después de esta secuencia, '],
  [/\(seed (\d+); replay with --seed (\d+)\)/g, '(semilla $1; se repite con --seed $2)'],
  [/\bsignal (\w+)\)/g, 'señal $1)'],
  [/\bclient (\d+), request (\d+): /g, 'cliente $1, pedido $2: '],
  [/\bclient (\d+): /g, 'cliente $1: '],
  [/\bclient (\d+) could not connect: /g, 'el cliente $1 no pudo conectarse: '],
  [/\bthe server answered none of the last (\d+) clients/g, 'el servidor no respondió a ninguno de los últimos $1 clientes'],
  [/\(after the scenario\) a new client is served/g, '(después del escenario) un cliente nuevo es atendido'],
  [/\bwrong bytes for\b/g, 'bytes equivocados para'],
  [/\bcapability (\u0001\d+\u0001) is off in this run/g, 'la capacidad $1 está desactivada en esta corrida'],
  [/\bthis scenario is for servers without (\u0001\d+\u0001)/g, 'este escenario es para servidores sin $1'],
  [
    /\ban empty line where a status line should start \(STATUS-6 judges that; stepped over here\)/g,
    'una línea vacía donde debía empezar una línea de estado (la juzga STATUS-6; aquí se la saltea)',
  ],
  [/\bnothing more for (\d+) ms\b/g, 'nada más durante $1 ms'],
  [/\(waiting for /g, '(esperando '],
  [/\bmore bytes instead: /g, 'más bytes en su lugar: '],
  [/\bconnected to\b/g, 'conectado a'],
  [/\bthe client closed the connection\b/g, 'el cliente cerró la conexión'],
  [/\bthe client reset the connection\b/g, 'el cliente cortó la conexión (reset)'],
  [/\bthe suite leaves: quit\b/g, 'la suite se va: quit'],
  [/\bwaited (\d+) ms for (.*?): nothing more came/g, 'esperó $1 ms por $2: no llegó nada más'],
  [/^listing: /g, 'listado: '],
  [/\bthe first (\d+) bytes of the answer\b/g, 'los primeros $1 bytes de la respuesta'],
  [/\bthe server stopped taking bytes after about (\d+) MiB/g, 'el servidor dejó de recibir bytes después de unos $1 MiB'],
  [
    /\bthe suite does not manage the served directory \(attach mode without --data-dir\)/g,
    'la suite no administra el directorio servido (modo adjunto sin --data-dir)',
  ],
  [/\bthe connection closed within (\d+) ms/g, 'la conexión cerrada dentro de $1 ms'],
  [/\bthe connection closed\b/g, 'la conexión cerrada'],
  [/\bthe server closes the connection\b/g, 'el servidor cierra la conexión'],
  [/\bthen a close within (\d+) ms/g, 'y después un cierre dentro de $1 ms'],
  [/\bthen close\b/g, 'y cierre'],
  [/\bnothing more within (\d+) ms\b/g, 'nada más dentro de $1 ms'],
  [/\bno answer within (\d+) ms\b/g, 'ninguna respuesta dentro de $1 ms'],
  [/\bnothing within (\d+) ms\b/g, 'nada dentro de $1 ms'],
  [/\bwhile waiting for\b/g, 'mientras se esperaba'],
  [/\bthe server sent\b/g, 'el servidor envió'],
  [/\bwhile it should have stayed silent\b/g, 'cuando debía quedarse callado'],
  [/\bnothing more\b/g, 'nada más'],
  [/\bclosed by the server\b/g, 'cerrada por el servidor'],
  [/\bthe server stopped serving after this scenario\b/g, 'el servidor dejó de atender después de este escenario'],
  [/\bthe server stopped serving\b/g, 'el servidor dejó de atender'],
  [/\bthe suite restarted it: later scenarios run on a fresh server/g, 'la suite lo reinició: los escenarios siguientes corren sobre un servidor nuevo'],
  [/\ba new client served after the scenario/g, 'un cliente nuevo atendido después del escenario'],
  [/\ba new client that sent\b/g, 'un cliente nuevo que envió'],
  [/\bwas not answered\b/g, 'no recibió respuesta'],
  [/\bserver exited \(code/g, 'el servidor terminó (código'],
  [/\blast lines of its stderr/g, 'últimas líneas de su stderr'],
  [/\bonly well-formed answers, and a fresh client served afterwards/g, 'solo respuestas bien formadas, y un cliente nuevo atendido después'],
  [/\bone of: /g, 'uno de: '],
  [/\ba status line\b/g, 'una línea de estado'],
  [/\bthe line\b/g, 'la línea'],
  [/\ba line\b/g, 'una línea'],
  [/\bthe empty line\b/g, 'la línea vacía'],
  [/\ban empty line\b/g, 'una línea vacía'],
  [/\bbytes that differ from byte (\d+) on\b/g, 'bytes que difieren a partir del byte $1'],
  [/\bstatus (\d+)/g, 'estado $1'],
  [/\bA: the target answered\b/g, 'A: el servidor respondió'],
  [/\bthe target answered\b/g, 'el servidor respondió'],
  [/\bconnection reset\b/g, 'conexión reiniciada'],
  [/\bis not of the form\b/g, 'no tiene la forma'],
  [/\boutside the answers the suite expected: /g, 'fuera de las respuestas que la suite esperaba: '],
  [/\bnames\b/g, 'nombres'],
  [/\bafter\b/g, 'después de'],
  [/ or /g, ' o '],
  [/ and /g, ' y '],
  [/, close\b/g, ', cierre'],
];

export function localizeDetail(text: string, lang: Lang): string {
  if (lang === 'en') return text;
  // Quoted wire bytes stay as they are: each is a placeholder while the phrases are translated.
  const quoted: string[] = [];
  const masked = text.replace(/"(?:[^"\\]|\\.)*"/g, (match) => `\u0001${quoted.push(match) - 1}\u0001`);
  const translated = ES.reduce((out, [pattern, replacement]) => out.replace(pattern, replacement as string), masked);
  return translated.replace(/\u0001(\d+)\u0001/g, (_, i) => quoted[Number(i)]);
}
