#!/usr/bin/env node
// Command line: serve | migrate | seed-demo | import | verify-audit | rotate-keys.
// `npm start` = serve with the demo shop.
import { Command } from 'commander';
import { loadConfig } from './config.ts';
import { importJsonLines } from './cli/import.ts';
import { runRotateKeys, describeRotation } from './cli/rotate-keys.ts';
import { seedDemo, seedDemoOnFirstStart } from './cli/seed-demo.ts';
import { describeReport, runVerifyAudit } from './cli/verify-audit.ts';
import { parseAnchor } from './modules/audit/audit.verify.ts';
import { loadKeyRing } from './modules/privacy/pii.keys.ts';
import { openMigratedDatabase, startRuntime } from './runtime.ts';

const program = new Command()
  .name('afterdesk')
  .description('Afterdesk — after-sales service and complaint handling (电商售后服务与客诉处理平台)');

program
  .command('serve')
  .description('Run the API and the web console')
  .option('--demo', 'load the demo shop on first start (when the database has no customers yet)')
  .action(async (options: { demo?: boolean }) => {
    const config = loadConfig();
    if (options.demo) await seedDemoOnFirstStart(config);
    const runtime = await startRuntime(config, { workers: true, logger: { level: config.logLevel } });
    await runtime.app.listen({ port: config.port, host: config.host });
    const where = config.databaseUrl ? 'PostgreSQL' : `PGlite in ${config.dataDir}`;
    runtime.app.log.info(`Afterdesk on http://localhost:${config.port} (console /, API docs /docs) — database: ${where}`);
    const stop = async () => {
      await runtime.close();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });

program
  .command('migrate')
  .description('Apply pending database migrations')
  .action(async () => {
    const database = await openMigratedDatabase(loadConfig());
    await database.close();
    console.log('migrations are current');
  });

program
  .command('seed-demo')
  .description('Load the demo shop: customers, merchants, products, orders and cases in every state')
  .action(async () => {
    await seedDemo(loadConfig(), { progress: true });
  });

program
  .command('import')
  .description('Import shop data from a JSON Lines file ({"type":"order","data":{…}} per line)')
  .argument('<file>', 'path of the .jsonl file, or - for standard input')
  .action(async (file: string) => {
    const runtime = await startRuntime(loadConfig());
    const summary = await importJsonLines(runtime.deps, file, { progress: true });
    await runtime.close();
    console.log(JSON.stringify(summary));
    if (summary.failed > 0) process.exitCode = 1;
  });

program
  .command('verify-audit')
  .description('Seal pending audit rows, walk the hash chain and report the first break (exit code 1)')
  .option('--anchor <position:hash>', 'a chain head recorded earlier (printed by a previous run) that must still be on the chain')
  .action(async (options: { anchor?: string }) => {
    const anchor = options.anchor ? parseAnchor(options.anchor) : undefined;
    const database = await openMigratedDatabase(loadConfig());
    try {
      const report = await runVerifyAudit(database, anchor ? { anchor } : {});
      for (const line of describeReport(report)) console.log(line);
      if (!report.ok) process.exitCode = 1;
    } finally {
      await database.close();
    }
  });

program
  .command('rotate-keys')
  .description('Re-encrypt personal data with the active key (PII_ACTIVE_KEY_ID); batched, idempotent, resumable')
  .option('--batch-size <n>', 'rows per transaction', '500')
  .action(async (options: { batchSize: string }) => {
    const config = loadConfig();
    const ring = loadKeyRing(config);
    const database = await openMigratedDatabase(config);
    try {
      const report = await runRotateKeys(database, ring, { batchSize: Math.max(1, Number(options.batchSize) || 500) });
      for (const line of describeRotation(report)) console.log(line);
      if (report.columns.some((c) => c.failed.length > 0)) process.exitCode = 1;
    } finally {
      await database.close();
    }
  });

await program.parseAsync(process.argv);
