export { consumerGroupId } from './group-id';
