//! "This is a peer exchange with …" on the site contact's new-request form: another site of the
//! programme that visits the contact's site (empty: an ordinary request). Sent as the
//! `visiting_site_id` argument of `requests/submit`; a mistake is shown beside the field.

use contract::FieldErrors;
use leptos::prelude::*;

use crate::api::peer_exchanges::partner_sites;
use crate::components::forms::FieldMessage;

#[component]
pub fn PeerSiteSelect(#[prop(into)] errors: Signal<FieldErrors>) -> impl IntoView {
    let sites = crate::resource::resource(|| (), |_| partner_sites());
    let invalid =
        Signal::derive(move || errors.get().message_for("visiting_site_id").map(|_| "true"));
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let sites = sites.await.unwrap_or_default();
                view! {
                    <div class="form-group">
                        <label class="label" for="field-visiting_site_id">"This is a peer exchange with …"</label>
                        <span class="hint" id="field-visiting_site_id-hint">
                            "Optional: another site of the programme that visits yours. Its contacts will "
                            "see the exchange and its sessions in their own time zone."
                        </span>
                        <FieldMessage field="visiting_site_id" errors />
                        <select class="select" id="field-visiting_site_id" name="visiting_site_id"
                            aria-describedby="field-visiting_site_id-hint field-visiting_site_id-error"
                            aria-invalid=invalid>
                            <option value="">"No — not a peer exchange"</option>
                            {sites.into_iter().map(|s| view! {
                                <option value=s.id.to_string()>{s.name}</option>
                            }).collect_view()}
                        </select>
                    </div>
                }
            })}
        </Suspense>
    }
}
