//! The pieces of setting up a second factor, shared by "My account" and the log-in's second
//! step: the QR code with the secret as text beside it, and the recovery codes shown once.

use contract::account::EnrolmentView;
use leptos::prelude::*;

/// The QR code and the secret to type instead.
#[component]
pub fn ScanSecret(view: EnrolmentView) -> impl IntoView {
    view! {
        <ol class="steps">
            <li>
                "Open an authenticator app on your phone (for example Google Authenticator, Microsoft Authenticator or 1Password) and add an account."
            </li>
            <li>
                "Scan this QR code:"
                <div class="qr-code" role="img" aria-label="QR code of your two-factor secret" inner_html=view.qr_svg></div>
                "or type this key instead (time-based, 6 digits, every 30 seconds): "
                <code id="two-factor-secret" class="secret">{view.secret}</code>
            </li>
            <li>"Type the six digits the app shows below."</li>
        </ol>
    }
}

/// The ten recovery codes, shown once.
#[component]
pub fn RecoveryCodes(codes: Vec<String>) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="recovery-codes-heading">
            <h2 id="recovery-codes-heading">"Your recovery codes"</h2>
            <p>
                "Keep these somewhere safe (print them, or store them in a password manager). "
                "Each works once instead of a code from your app, if you lose your phone. "
                <strong>"They are shown only now."</strong>
            </p>
            <ul class="recovery-codes" id="recovery-codes">
                {codes.into_iter().map(|code| view! { <li><code>{code}</code></li> }).collect_view()}
            </ul>
        </section>
    }
}
