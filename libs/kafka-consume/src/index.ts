export { consumerGroupId } from './group-id';
export { ConsumeService, type ConsumeServiceOptions } from './consume-service';
export { UndecodableMessageError, type UndecodableMessage } from './undecodable-message';
