import type { Messages } from './en';

/**
 * Todo lo que lee un estudiante, en castellano (las mismas claves que en.ts; un test lo
 * verifica). Los IDs de reglas, los bytes del cable y los textos de estado del protocolo
 * (`0 OK`, `100 BAD EOL`, ...) no se traducen.
 */
export const es: Messages = {
  // tabla resumen
  'summary.header': ['REGLA', 'NIVEL', 'RESULTADO', 'POR QUÉ'],
  'summary.label.failed': 'FALLA',
  'summary.label.warning': 'aviso',
  'summary.label.info': 'info',
  'summary.label.notJudged': 'sin juzgar',
  'summary.label.passed': 'pasa',
  'summary.label.skipped': 'omitida',
  'summary.stopped': (why: string) => `La corrida dejó de juzgar: ${why}.`,
  'summary.stoppedAdvice': 'Las reglas marcadas "sin juzgar" no pasaron ni fallaron: primero corregí lo que falló y volvé a correr.',
  // línea de veredicto
  'verdict.conformant': (profile: string, tally: string) => `CONFORME a ${profile}: ${tally}.`,
  'verdict.notConformant': (profile: string, what: string, tally: string) => `NO CONFORME a ${profile}: ${what}; ${tally}.`,
  'verdict.rulesFailed': (n: number, ids: string) => `${n} regla${n === 1 ? '' : 's'} ${n === 1 ? 'falló' : 'fallaron'} (${ids})`,
  'verdict.ruleless': (n: number) => `${n} escenario${n === 1 ? '' : 's'} sin una regla conocida`,
  'verdict.and': ' y ',
  'tally.passed': (n: number) => `${n} ${n === 1 ? 'pasó' : 'pasaron'}`,
  'tally.failed': (n: number) => `${n} ${n === 1 ? 'falló' : 'fallaron'}`,
  'tally.warning': (n: number) => `${n} aviso${n === 1 ? '' : 's'}`,
  'tally.info': (n: number) => `${n} info`,
  'tally.notJudged': (n: number) => `${n} sin juzgar`,
  'tally.skipped': (n: number) => `${n} omitido${n === 1 ? '' : 's'}`,
  // mensaje de falla
  'failure.noRule': 'sin etiqueta de regla',
  'failure.allowed': 'se admite:    ',
  'failure.risk': 'riesgo:       ',
  'failure.step': 'paso:         ',
  'failure.expected': 'se esperaba:  ',
  'failure.received': 'se recibió:   ',
  'failure.error': 'error:        ',
  'failure.hint': 'pista:        ',
  'failure.transcript': 'transcripción del cable:',
  'failure.reproducer': 'reproductor (guardalo como repro.py, levantá tu servidor con los archivos de prueba y corré python3 repro.py PUERTO):',
  'failure.shell': 'o, en una línea:',
  // corrida
  'run.testing': (target: string, where: string, profile: string, strict: boolean, caps: string) =>
    `Probando ${target} (${where}) con el perfil ${profile}${strict ? ', estricto' : ''}; capacidades: ${caps}.`,
  'run.none': 'ninguna',
  'run.failures': 'Fallas:',
  'run.scenario': 'Escenario:',
  'run.cannotTest': (why: string) => `No se puede probar: ${why}`,
  'run.warning': (text: string) => `aviso: ${text}`,
  'run.noScenario': 'No corrió ningún escenario (revisá --tags).',
  'replay.noMatch': (what: string) =>
    `Ningún escenario coincide con "${what}": indicá el ID de una regla (FRAME-4) o el nombre de un escenario, o parte de él.`,
  'replay.title': (name: string, outcome: string) => `--- ${name}: ${outcome}`,
  'replay.transcript': 'transcripción completa del cable:',
  // verificación previa
  'preflight.noConnection': (where: string, reason: string) => `Nada acepta conexiones en ${where}: ${reason}. ¿Está corriendo el servidor, en ese puerto?`,
  'preflight.neverAnswers': (where: string, how: string) =>
    `El servidor en ${where} acepta conexiones pero nunca responde: ${how}. ¿Responde pedidos que terminan en CR LF, en ese puerto?`,
  'preflight.nothingWithin': (seconds: string, request: string) => `no llegó nada dentro de ${seconds} s después de "${request}"`,
  'preflight.closedWithoutWord': (request: string) => `cerró la conexión sin decir nada después de "${request}"`,
  'preflight.outOfTime': (name: string) => `la verificación de los archivos de prueba se quedó sin tiempo antes de ${name}`,
  'preflight.oddAnswer': (name: string, code: number, text: string) => `get_metadata ${name} respondió ${code} ${text}`,
  'preflight.unconfirmed': (why: string) => `no se pudo confirmar el conjunto de archivos de prueba: ${why}`,
  'preflight.missing': (name: string) => `falta ${name}`,
  'preflight.alsoServes': (names: string) => `también sirve ${names}`,
  'preflight.givenDirectory': (dir: string) => `el directorio que se le indicó (${dir}): ¿toma el directorio de -d?`,
  'preflight.fixtureSet': 'los archivos de prueba: escribilos con `hftp-conformance fixtures DIR` y serví DIR',
  'preflight.wrongDirectory': (where: string, directory: string, wrong: string) => `El servidor en ${where} no sirve ${directory} (${wrong}).`,
  'preflight.listedButRefused': (names: string) => `get_metadata respondió 202 para ${names}, que el listado nombra: lo juzgarán las reglas`,
  'preflight.freshCopy': '; si el directorio servido no es una copia nueva de los archivos de prueba, escribí una con `hftp-conformance fixtures DIR`',
  'preflight.otherSizes': (sizes: string, copy: string) =>
    `get_metadata da otros tamaños que los de los archivos de prueba (${sizes}): lo juzgarán las reglas (META-1)${copy}`,
  'preflight.size': (name: string, size: number, expected: number) => `${name}: ${size} bytes, no ${expected}`,
  // ayuda de la línea de comandos
  'cli.description': 'Verifica un servidor HFTP contra el protocolo, regla por regla.',
  'cli.helpAfterError': '(hftp-conformance --help muestra las opciones)',
  'cli.examples': `
Ejemplos:
  hftp-conformance --server "python3 server.py -p {port} -d {dir}"   la suite levanta tu servidor
  hftp-conformance --host 192.168.0.7 --port 19500                    tu servidor ya está corriendo
  hftp-conformance fixtures testdata                                  escribe los archivos que debe servir
  hftp-conformance replay FRAME-4 --server "python3 server.py -p {port} -d {dir}"
                                                                      repite una regla, con su transcripción

Estado de salida: 0 conforme, 1 no conforme, 2 no se pudo probar.`,
  'cli.run': 'corre la suite de conformidad contra un servidor (el comando por omisión)',
  'cli.profile': (def: string) => `año del enunciado contra el que verificar (por omisión ${def}; reference para el servidor incluido)`,
  'cli.with': (caps: string) => `activa una capacidad (${caps})`,
  'cli.without': 'desactiva una capacidad',
  'cli.maxErrors': 'el límite de errores del servidor, para la capacidad error-limit',
  'cli.strict': 'las reglas "should" fallan en lugar de avisar',
  'cli.tags': 'corre solo algunos escenarios, p. ej. "@FRAME-4 or @LIST-1"',
  'cli.timeout': (ms: number) => `espera máxima por un byte esperado, en ms (por omisión ${ms}, la del curso)`,
  'cli.junit': 'escribe un informe JUnit XML',
  'cli.json': 'escribe un informe JSON, con transcripciones y reproductores',
  'cli.html': 'escribe el informe HTML de cucumber',
  'cli.seed': 'semilla de los escenarios de fuzzing (ROBUST-4), para repetir una corrida (por omisión 2026, o HFTP_SEED)',
  'cli.lang': 'idioma de lo que imprime la suite: es o en (por omisión según LANG, LC_ALL, LC_MESSAGES)',
  'cli.fixtures': 'escribe los archivos de prueba (los que debe servir el servidor probado) en un directorio',
  'cli.fixturesWrote': (n: number, dir: string, names: string) => `Se escribieron ${n} archivos en ${dir}: ${names}`,
  'cli.profiles': 'lista los perfiles y sus capacidades',
  'cli.capabilities': 'capacidades',
  'cli.replay': 'repite un escenario (o todos los de una regla) contra el servidor, con su transcripción completa y su reproductor',
  'cli.replayArg': 'el ID de una regla (FRAME-4) o el nombre de un escenario (o parte de él)',
  'cli.help': 'muestra la ayuda',
  'cli.helpCommand': 'muestra la ayuda de un comando',
  'cli.opt.server': 'levanta el servidor con este comando; se completan {port} y {dir}',
  'cli.opt.cwd': 'directorio donde levantar el servidor (con --server)',
  'cli.opt.host': 'prueba un servidor que ya está corriendo, en este host',
  'cli.opt.port': 'su puerto',
  'cli.opt.dataDir': 'el directorio que sirve el servidor en marcha, para que la suite lo administre (con --host/--port)',
  'cli.bench': 'mide un servidor: rendimiento de una porción grande, pedidos por segundo y latencia, concurrencia, memoria',
  'cli.default': 'por omisión',
  'cli.choices': 'opciones',
  'cli.env': 'variable',
  'cli.usageOptions': '[opciones]',
  'cli.usageCommand': '[comando]',
  'cli.usage': 'Uso:',
  'cli.options': 'Opciones:',
  'cli.commands': 'Comandos:',
  'cli.arguments': 'Argumentos:',
  // reproducer
  'repro.attached': (where: string) => `Tu servidor, sirviendo los archivos de prueba, en ${where}.`,
  'repro.start': 'Primero levantá tu servidor con los archivos de prueba: hftp-conformance fixtures testdata; python3 server.py -p 19500 -d testdata',
  'repro.managedDir': 'Este escenario primero cambió el directorio servido (ver sus pasos Given en el archivo .feature): serví los mismos archivos.',
  // fuzzing (ROBUST-4)
  'fuzz.seed': (seed: number) => `semilla ${seed} (se repite con --seed ${seed}, o HFTP_SEED=${seed})`,
  'fuzz.shrunk': (requests: number, clients: number, from: number, shrinks: number, seconds: string) =>
    `reducida a ${requests} pedido${requests === 1 ? '' : 's'} en ${clients} conexi${clients === 1 ? 'ón' : 'ones'} (de ${from}; se probaron ${shrinks} secuencias más chicas en ${seconds} s)`,
  'fuzz.notShrunk': 'sin reducir: la suite no levantó este servidor, así que no puede reiniciarlo entre intentos',
  'fuzz.budget': (seconds: number) => `la reducción se detuvo al agotar sus ${seconds} s: la secuencia puede no ser la más chica`,
  'fuzz.notRestarted': 'no se redujo más: el servidor no pudo reiniciarse',
  'fuzz.silent': 'sin reducir: el servidor no envió nada en toda esta secuencia',
  'fuzz.minimal': 'la secuencia más chica que falla:',
  'fuzz.answers': (text: string) => `respuestas: ${text}`,
  'fuzz.runs': (runs: number, clients: number, requests: number) => `${runs} secuencias al azar, ${clients} clientes, ${requests} pedidos`,
};
