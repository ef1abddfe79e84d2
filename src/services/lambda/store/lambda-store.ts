import type { Db } from '../../../store/database.js';
import type { Statement } from 'better-sqlite3';

export interface MappingRow {
  mapping_id: number;
  uuid: string;
  account_id: string;
  region: string;
  function_arn: string;
  event_source_arn: string;
  settings_json: string;
  enabled: 0 | 1;
  last_processing_result: string | null;
  last_modified_ms: number;
  tags_json: string;
}

export interface CheckpointRow {
  shard_id: string;
  sequence_number: string | null;
  finished: 0 | 1;
}

/** Every prepared statement of the Lambda service (event source mappings and their Kinesis checkpoints). */
export class LambdaStore {
  readonly insertMapping: Statement<[string, string, string, string, string, string, number, number, string]>;
  readonly mappingByUuid: Statement<[string], MappingRow>;
  readonly mappingsOfOwner: Statement<[string, string], MappingRow>;
  readonly allMappings: Statement<[], MappingRow>;
  readonly mappingOfSourceAndFunction: Statement<[string, string], MappingRow>;
  readonly updateMapping: Statement<[string, string, number, number, string]>;
  readonly setLastProcessingResult: Statement<[string, string]>;
  readonly setTags: Statement<[string, string]>;
  readonly deleteMapping: Statement<[string]>;
  readonly checkpointOf: Statement<[string, string], CheckpointRow>;
  readonly upsertCheckpoint: Statement<[{ uuid: string; shard_id: string; sequence_number: string | null; finished: number }]>;

  constructor(readonly db: Db) {
    this.insertMapping = db.prepare<[string, string, string, string, string, string, number, number, string]>(
      `INSERT INTO lambda_event_source_mappings (uuid, account_id, region, function_arn, event_source_arn, settings_json, enabled, last_modified_ms, tags_json)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.mappingByUuid = db.prepare<[string], MappingRow>(`SELECT * FROM lambda_event_source_mappings WHERE uuid = ?`);
    this.mappingsOfOwner = db.prepare<[string, string], MappingRow>(
      `SELECT * FROM lambda_event_source_mappings WHERE account_id = ? AND region = ? ORDER BY mapping_id`,
    );
    this.allMappings = db.prepare<[], MappingRow>(`SELECT * FROM lambda_event_source_mappings ORDER BY mapping_id`);
    this.mappingOfSourceAndFunction = db.prepare<[string, string], MappingRow>(
      `SELECT * FROM lambda_event_source_mappings WHERE event_source_arn = ? AND function_arn = ?`,
    );
    this.updateMapping = db.prepare<[string, string, number, number, string]>(
      `UPDATE lambda_event_source_mappings SET function_arn = ?, settings_json = ?, enabled = ?, last_modified_ms = ? WHERE uuid = ?`,
    );
    this.setLastProcessingResult = db.prepare<[string, string]>(`UPDATE lambda_event_source_mappings SET last_processing_result = ? WHERE uuid = ?`);
    this.setTags = db.prepare<[string, string]>(`UPDATE lambda_event_source_mappings SET tags_json = ? WHERE uuid = ?`);
    this.deleteMapping = db.prepare<[string]>(`DELETE FROM lambda_event_source_mappings WHERE uuid = ?`);
    this.checkpointOf = db.prepare<[string, string], CheckpointRow>(
      `SELECT shard_id, sequence_number, finished FROM lambda_kinesis_checkpoints
       WHERE mapping_id = (SELECT mapping_id FROM lambda_event_source_mappings WHERE uuid = ?) AND shard_id = ?`,
    );
    // Nothing is written for a mapping deleted meanwhile (the SELECT finds no row).
    this.upsertCheckpoint = db.prepare<[{ uuid: string; shard_id: string; sequence_number: string | null; finished: number }]>(
      `INSERT INTO lambda_kinesis_checkpoints (mapping_id, shard_id, sequence_number, finished)
       SELECT mapping_id, @shard_id, @sequence_number, @finished FROM lambda_event_source_mappings WHERE uuid = @uuid
       ON CONFLICT (mapping_id, shard_id) DO UPDATE SET sequence_number = excluded.sequence_number, finished = excluded.finished`,
    );
  }
}
