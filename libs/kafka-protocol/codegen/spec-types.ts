/** Shape of Apache Kafka's message JSON files (see libs/kafka-protocol/spec/README.md). */
export interface FieldSpec {
  name: string;
  type: string;
  versions: string;
  nullableVersions?: string;
  taggedVersions?: string;
  tag?: number;
  default?: string | number | boolean;
  flexibleVersions?: string;
  ignorable?: boolean;
  about?: string;
  fields?: FieldSpec[];
}

export interface StructSpec {
  name: string;
  versions: string;
  fields: FieldSpec[];
}

export interface MessageSpec {
  type: 'request' | 'response' | 'header' | 'data';
  apiKey?: number;
  name: string;
  validVersions: string;
  flexibleVersions: string;
  latestVersionUnstable?: boolean;
  fields: FieldSpec[];
  commonStructs?: StructSpec[];
}
