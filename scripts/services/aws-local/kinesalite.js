// kinesalite's CLI binds every interface; this binds 127.0.0.1 only, and runs under `node` so
// that the recorded PID is the server's. Streams live in memory and are ready at once.
const port = Number(process.argv[2] || 4567);
require('kinesalite')({ createStreamMs: 0, deleteStreamMs: 0, updateStreamMs: 0, shardLimit: 100 })
  .listen(port, '127.0.0.1', () => console.log('kinesalite listening on 127.0.0.1:' + port));
