/** opencc-js publishes its dictionaries as modules without types: each is "from to|from to|…". */
declare module 'opencc-js/dict/TSCharacters' {
  const dictionary: string;
  export default dictionary;
}
