/**
 * El catálogo de reglas en castellano: la oración de cada regla, lo que admite y el riesgo
 * que señala un aviso, con las mismas claves que rules.ts (un test verifica que no falte
 * ninguna). Los IDs y los bytes no se traducen.
 */
export const RULES_ES: Readonly<Record<string, { summary: string; allowed?: string; risk?: string }>> = {
  'FRAME-1': { summary: 'un pedido termina en CR LF, y la respuesta lo sigue' },
  'FRAME-2': { summary: 'varios pedidos en un mismo segmento se responden todos, en orden' },
  'FRAME-3': { summary: 'un pedido partido en muchos segmentos se responde cuando está completo' },
  'FRAME-4': { summary: 'un LF sin CR antes recibe 100, y después se cierra la conexión' },
  'FRAME-5': {
    summary: 'un LF suelto sin ningún CR LF se responde dentro del tiempo de lectura',
    risk: 'un cliente que termina sus líneas solo con LF (muchos lo hacen) espera una respuesta para siempre',
  },
  'FRAME-6': { summary: 'un CR no seguido de LF (los enunciados no lo dicen)', allowed: '100 y cierre, 101 y cierre, 200, 201, o un cierre sin estado' },
  'FRAME-7': { summary: 'una línea vacía (los enunciados anteriores a 2026 no lo dicen)', allowed: 'sin respuesta (se ignora), 200, 201, o 101 y cierre' },
  'FRAME-8': {
    summary: 'espacios y tabulaciones de más entre elementos (los enunciados no lo dicen)',
    allowed: '0 (se toleran: se responde como con espacios simples), 200, 201, o 101 y cierre',
  },
  'FRAME-9': { summary: 'una línea de pedido de 5 MiB se lee entera y se responde, y el servidor sigue atendiendo' },
  'STATUS-1': { summary: 'una línea de estado es <dígitos> <texto no vacío>\\r\\n' },
  'STATUS-2': { summary: 'después de un estado 1xx el servidor cierra la conexión y no responde nada más' },
  'STATUS-3': { summary: 'después de un estado 2xx la conexión sigue abierta y se responde el pedido siguiente' },
  'STATUS-4': { summary: 'una falla dentro del servidor (un archivo que no puede leer) recibe 199, y después cierre' },
  'STATUS-5': { summary: 'los textos de estado los elige quien implementa (cualquier texto no vacío)', allowed: 'cualquier texto no vacío' },
  'STATUS-6': { summary: 'cada pedido recibe exactamente una respuesta, y no se envía nada sin que se pida' },
  'STATUS-7': {
    summary: 'ningún espacio ni tabulación antes del CR LF de una línea que envía el servidor',
    risk:
      'el cliente del curso recorta cada línea que lee, así que no lo nota; un cliente que no recorta lee los espacios como parte de la línea: ' +
      'int("41 ") funciona en Python, pero una comparación exacta con "41" no, un nombre listado "bar " no nombra ningún archivo, y un decodificador base64 que no los salta falla',
  },
  'CMD-1': { summary: 'un comando desconocido recibe 200' },
  'CMD-2': { summary: 'un nombre de comando en otras mayúsculas o minúsculas (los enunciados no lo dicen)', allowed: '200, o aceptado' },
  'LIST-1': { summary: 'un listado es 0 OK, un nombre por línea, y después una línea vacía' },
  'LIST-2': { summary: 'el listado nombra exactamente los archivos servidos, en cualquier orden', allowed: 'cualquier orden' },
  'LIST-3': { summary: 'un directorio vacío se lista como "0 OK\\r\\n\\r\\n"' },
  'LIST-4': { summary: 'get_file_listing con argumentos recibe 201' },
  'LIST-5': { summary: 'lo demás que contiene un directorio puede listarse o no (los enunciados no lo dicen)', allowed: 'listado o no' },
  'META-1': { summary: 'get_metadata da 0 OK y el tamaño en bytes, en decimal' },
  'META-2': { summary: 'get_metadata de un archivo inexistente recibe 202' },
  'META-3': { summary: 'get_metadata sin argumento, o con más de uno, recibe 201' },
  'SLICE-1': {
    summary: 'la carga es el base64 exactamente de los bytes pedidos',
    allowed: 'una línea base64, o varias con su propio relleno que decodifican SIZE bytes en total',
  },
  'SLICE-2': { summary: 'OFFSET + SIZE igual al tamaño del archivo es válido, y SIZE 0 da una línea de carga vacía' },
  'SLICE-3': { summary: 'OFFSET + SIZE más allá del tamaño del archivo recibe 203' },
  'SLICE-4': {
    summary: 'un OFFSET o SIZE no entero o negativo, o una cantidad equivocada de argumentos, se rechaza',
    allowed: 'no entero o cantidad equivocada: 201; negativo: 201 o 203',
  },
  'SLICE-5': { summary: 'get_slice de un archivo inexistente recibe 202' },
  'SLICE-6': { summary: 'un archivo de 33 MB pedido entero llega intacto' },
  'SLICE-7': {
    summary: 'números escritos "+5", "005" o más allá de 2^64 (los enunciados no lo dicen)',
    allowed: '201, o leídos como números (entonces 0 o 203)',
  },
  'SLICE-8': { summary: 'qué verificación gana cuando fallan varias (los enunciados no lo dicen)', allowed: '201 o 202' },
  'QUIT-1': { summary: 'quit da 0 OK, y el servidor cierra dentro de 0,5 s' },
  'QUIT-2': { summary: 'quit con argumentos recibe 201, y la conexión sigue abierta' },
  'QUIT-3': {
    summary: 'los pedidos enviados a continuación de quit no se responden',
    risk: 'las respuestas posteriores al 0 OK de quit le llegan a un cliente que ya dejó de leer',
  },
  'NAME-1': {
    summary: 'un nombre que sale del directorio servido nunca recibe 0 OK',
    allowed: '201 o 202',
    risk: 'cualquier cliente puede leer archivos fuera del directorio servido (/etc/passwd, tu home)',
  },
  'NAME-2': { summary: 'un nombre con otros caracteres que sí existe en el disco (los enunciados no lo dicen)', allowed: '0, 201 o 202' },
  'NAME-3': {
    summary: 'un enlace simbólico que el dueño del directorio puso adentro, apuntando afuera (los enunciados no lo dicen)',
    allowed: 'servido (0), 201 o 202',
  },
  'ASCII-1': { summary: 'un pedido con un byte mayor que 0x7f recibe 101, y después cierre' },
  'ASCII-2': {
    summary: 'un byte mayor que 0x7f, para un servidor sin la verificación ASCII (los enunciados no lo dicen)',
    allowed: '200, 201, 202, 100, 101 o 199 y cierre, o un cierre; los otros clientes siguen atendidos',
  },
  'LIMIT-1': { summary: 'después de MAX_ERRORS respuestas de error en una conexión, el pedido siguiente recibe 101, y después cierre' },
  'CONC-1': { summary: 'mientras el cliente A está conectado y sin hacer nada, el cliente B es atendido' },
  'CONC-2': { summary: 'dos clientes a la vez reciben cada uno su propia porción correcta' },
  'CONC-3': { summary: 'un error fatal o un corte abrupto en una conexión no afecta a otra' },
  'CONC-4': {
    summary: '50 clientes a la vez reciben cada uno su propia porción correcta dentro de 10 s',
    risk: 'una multitud de clientes del tamaño de un curso espera, o recibe los bytes de otro cliente',
  },
  'HELP-1': { summary: 'help da 0 OK, un nombre de comando por línea, y después una línea vacía' },
  'RAW-1': { summary: 'get_slice F O S raw da 0 OK, un encabezado Content-Length, una línea vacía, y después S bytes crudos' },
  'RAW-2': { summary: 'un quinto elemento de get_slice distinto de raw recibe 201' },
  'EMPTY-1': { summary: 'una línea vacía recibe 101, y después cierre' },
  'ROBUST-1': { summary: 'los clientes que se van sin quit no impiden que el servidor atienda al cliente siguiente' },
  'ROBUST-2': {
    summary: 'un cliente que corta la conexión en medio de una porción grande no detiene al servidor',
    risk: 'un cliente que se cae mientras descarga tira abajo el servidor para todos',
  },
  'ROBUST-3': {
    summary: 'una línea de 100 MiB sin LF nunca hace fallar al servidor',
    risk: 'un servidor que sigue acumulando una línea que nunca termina puede quedarse sin memoria por culpa de cualquier cliente',
  },
  'ROBUST-4': { summary: 'bytes al azar nunca detienen al servidor', risk: 'un pedido mal formado de cualquier cliente tira abajo el servidor para todos' },
  'ROBUST-5': {
    summary: '200 conexiones inactivas no impiden que un cliente nuevo sea atendido',
    risk: 'cualquiera que abra conexiones y no diga nada deja afuera a todos los demás clientes',
  },
  'ROBUST-6': {
    summary: 'la línea de 5 MiB de FRAME-9 se responde dentro de 10 s de su último byte',
    risk: 'un buffer de líneas que vuelve a recorrer todo el buffer en cada lectura es cuadrático: una línea más larga mantiene ocupado al servidor durante minutos',
  },
};
