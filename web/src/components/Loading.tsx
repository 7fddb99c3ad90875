/** A visible 加载中 that assistive technology also hears (aria-busy on a status region). */
export const Loading = ({ label = '加载中…' }: { label?: string }) => (
  <div class="loading" role="status" aria-busy="true">
    <span class="spinner" aria-hidden="true" />
    {label}
  </div>
);
