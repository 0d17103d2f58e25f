import { randomBytes } from 'node:crypto';
import { pairedRatio } from './bench/pairedRatio.js';
import { rawAesGcm, sealbus } from './bench/workloads.js';

for (const size of [256, 1024]) {
  const body = randomBytes(size);
  const raw = rawAesGcm(body);
  const w = await sealbus(body);
  for (let r = 0; r < 2; r++) {
    const o = await pairedRatio(w.decrypt, raw.decrypt, 300);
    const s = await pairedRatio(w.encrypt, raw.encrypt, 300);
    console.log(
      size,
      'open',
      o.ratio.toFixed(3),
      Math.round(o.rateA),
      Math.round(o.rateB),
      'seal',
      s.ratio.toFixed(3),
      Math.round(s.rateA),
      Math.round(s.rateB),
    );
  }
}
